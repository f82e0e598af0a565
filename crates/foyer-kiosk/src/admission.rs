//! Letting an accepted visitor in: print the badge, then release the door.
//! Runs after the visit is committed; its failures are recorded and
//! reported, never undo the check-in.

use serde::Serialize;
use time::OffsetDateTime;

use super::door::DoorOutcome;
use super::{Actor, DeviceRecord, Kiosk};
use crate::store::visits::VisitRecord;
use foyer_devices::{PrintJob, PrintReport};
use foyer_domain::events::KioskEvent;
use foyer_domain::{BadgeContent, DoorReason};

/// What happened with the badge.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum PrintOutcome {
    Printed {
        report: PrintReport,
    },
    /// The printer refused or failed; the visitor is sent to reception.
    Failed {
        problem: String,
    },
}

impl PrintOutcome {
    pub fn is_printed(&self) -> bool {
        matches!(self, Self::Printed { .. })
    }
}

/// The result of admitting a visitor.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Admission {
    pub badge: BadgeContent,
    pub print: PrintOutcome,
    pub door: DoorOutcome,
}

impl Kiosk {
    /// The badge of an on-site visit. Signing the same claims gives the same
    /// token, and the language is the visit's, so a reprint matches the
    /// first badge.
    pub fn badge_for(&self, visit: &VisitRecord) -> BadgeContent {
        let issued = OffsetDateTime::from_unix_timestamp(visit.arrived_at.unwrap_or(visit.created_at))
            .unwrap_or_else(|_| OffsetDateTime::now_utc());
        BadgeContent::new(
            self.key(),
            visit.id,
            &visit.visitor_name,
            visit.company.as_deref(),
            &visit.host_name,
            visit.visitor_type,
            issued,
            &self.settings().site_name,
        )
        .with_language(visit.language)
    }

    /// Prints the badge, then, only if it printed, releases the door: a
    /// visitor without a badge goes to reception, who can let them in. The
    /// print and the release are recorded together, before the pulse.
    pub(crate) fn admit(&self, visit: &VisitRecord, actor: &Actor) -> Admission {
        let badge = self.badge_for(visit);
        let (print, printed) = self.send_print(&badge, false);
        let door = if print.is_printed() {
            let reason = DoorReason::CheckIn { visit_id: visit.id };
            let release = self.release_record(&reason, actor);
            self.release_after(&[printed, release], reason, actor)
        } else {
            self.record(actor, printed);
            DoorOutcome::KeptClosed
        };
        Admission { badge, print, door }
    }

    /// Sends one print job and records the result.
    pub(crate) fn print_badge(&self, badge: &BadgeContent, reprint: bool, actor: &Actor) -> PrintOutcome {
        let (outcome, record) = self.send_print(badge, reprint);
        self.record(actor, record);
        outcome
    }

    /// Sends one print job; says what to record about it.
    fn send_print(&self, badge: &BadgeContent, reprint: bool) -> (PrintOutcome, DeviceRecord) {
        let visit_id = badge.visit_id;
        match self.printer().print(&PrintJob::new(badge.clone())) {
            Ok(report) => (
                PrintOutcome::Printed { report },
                DeviceRecord {
                    action: if reprint { "badge.reprinted" } else { "badge.printed" },
                    event: KioskEvent::BadgePrinted { visit_id, bytes: report.bytes_sent, reprint },
                    detail: serde_json::json!({ "bytes": report.bytes_sent, "encoding": report.encoding }),
                },
            ),
            Err(e) => {
                let problem = e.to_string();
                tracing::warn!(%visit_id, %problem, "badge not printed");
                let record = DeviceRecord {
                    action: "badge.print_failed",
                    event: KioskEvent::PrinterFault { visit_id: Some(visit_id), problem: problem.clone() },
                    detail: serde_json::json!({ "problem": problem }),
                };
                (PrintOutcome::Failed { problem }, record)
            }
        }
    }
}
