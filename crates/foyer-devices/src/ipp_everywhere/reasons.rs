//! `printer-state-reasons` (RFC 8011 §5.4.12, PWG 5100.9) as the kiosk's
//! [`PrinterStatus`]. A keyword may carry a severity suffix (`-report`,
//! `-warning`, `-error`); the condition is the same, so it is stripped.
//! ippeveprinter, for one, reports an empty tray as `media-empty-report`.

use super::capabilities::{Capabilities, PrinterState};
use crate::PrinterStatus;

/// A reason keyword without its severity suffix.
pub fn condition(reason: &str) -> &str {
    ["-report", "-warning", "-error"].iter().find_map(|s| reason.strip_suffix(s)).unwrap_or(reason)
}

/// What one reason means for printing a badge, if anything.
fn status_of(reason: &str) -> Option<PrinterStatus> {
    Some(match condition(reason) {
        "media-empty" | "media-needed" | "input-tray-missing" => PrinterStatus::PaperEnd,
        "cover-open" | "door-open" | "interlock-open" => PrinterStatus::CoverOpen,
        "media-jam" | "marker-supply-empty" | "toner-empty" | "fuser-over-temp" | "other" => PrinterStatus::Error,
        "offline" | "shutdown" | "paused" | "moving-to-paused" | "stopped" | "timed-out" => PrinterStatus::Offline,
        "media-low" => PrinterStatus::PaperNearEnd,
        _ => return None,
    })
}

/// How serious a status is, for picking one among several reasons.
fn rank(s: PrinterStatus) -> u8 {
    match s {
        PrinterStatus::CoverOpen => 5,
        PrinterStatus::PaperEnd => 4,
        PrinterStatus::Error => 3,
        PrinterStatus::Offline => 2,
        PrinterStatus::PaperNearEnd => 1,
        _ => 0,
    }
}

/// The kiosk's view of the printer: the most serious reason; a stopped
/// printer with no reason it can name is offline.
pub fn printer_status(caps: &Capabilities) -> PrinterStatus {
    let worst = caps.reasons.iter().filter_map(|r| status_of(r)).max_by_key(|s| rank(*s));
    match (worst, caps.state) {
        (Some(s), _) => s,
        (None, Some(PrinterState::Stopped)) => PrinterStatus::Offline,
        (None, _) => PrinterStatus::Ready,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn status(reasons: &[&str], state: PrinterState) -> PrinterStatus {
        let caps = Capabilities {
            reasons: reasons.iter().map(|r| r.to_string()).collect(),
            state: Some(state),
            ..Default::default()
        };
        printer_status(&caps)
    }

    #[test]
    fn each_documented_reason_maps_to_its_status_whatever_its_severity() {
        use PrinterStatus::*;
        let idle = PrinterState::Idle;
        for (r, s) in [
            ("media-empty-error", PaperEnd),
            ("media-empty-report", PaperEnd),
            ("media-needed", PaperEnd),
            ("media-jam-error", Error),
            ("cover-open", CoverOpen),
            ("door-open-warning", CoverOpen),
            ("offline-report", Offline),
            ("paused", Offline),
            ("media-low-report", PaperNearEnd),
            ("toner-low-report", Ready),
        ] {
            assert_eq!(status(&[r], idle), s, "{r}");
        }
    }

    #[test]
    fn the_most_serious_reason_wins_and_a_silent_stop_is_offline() {
        let s = status(&["media-low-warning", "cover-open-error", "media-empty-error"], PrinterState::Processing);
        assert_eq!(s, PrinterStatus::CoverOpen);
        assert_eq!(status(&[], PrinterState::Stopped), PrinterStatus::Offline);
        assert_eq!(status(&[], PrinterState::Processing), PrinterStatus::Ready);
    }
}
