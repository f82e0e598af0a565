//! What a kiosk's event must look like before the back office stores it.
//! The back office trusts no kiosk: each event is checked with the domain
//! types the kiosk itself validates with (`VisitorName`, `VisitorDetails`,
//! `PulseLength`, `InvitationCode`), its times must lie in a window around
//! the server's clock, and a visit event must name the kiosk that sends it.
//! A refusal names the event and the field, so the kiosk can hold that
//! event back and an installer can read why.

use foyer_domain::events::{KioskEvent, VisitSummary};
use foyer_domain::text::{clean_text, is_forbidden};
use foyer_domain::{InvitationCode, PulseLength, ValidationError, VisitorDetails, VisitorName};
use foyer_wire::WireEvent;

/// How far back an event may be dated: a kiosk offline this long has
/// lost more than its outbox.
pub const OLDEST_SECS: i64 = 90 * 24 * 3600;
/// How far ahead of the server's clock an event may be dated (kiosk clocks
/// drift; more than this is a wrong clock or a forged event).
pub const FUTURE_SECS: i64 = 10 * 60;

/// Checks event number `index` of a batch from `kiosk` at server time `now`.
pub fn check(index: usize, e: &WireEvent, kiosk: &str, now: i64) -> Result<(), String> {
    shape(e, kiosk, now).map_err(|why| format!("events[{index}] ({} {}): {why}", e.event.kind(), e.event_id))
}

fn shape(e: &WireEvent, kiosk: &str, now: i64) -> Result<(), String> {
    in_window("occurred_at", e.occurred_at, now)?;
    match &e.event {
        KioskEvent::VisitArrived(v) => summary(v, kiosk, now),
        KioskEvent::VisitFlagged { visit, reason } => {
            summary(visit, kiosk, now)?;
            text("data.reason", reason, 500)
        }
        KioskEvent::VisitApproved { by, .. } | KioskEvent::VisitDenied { by, .. } => actor(by),
        KioskEvent::VisitDeparted { departed_at, by, .. } => {
            in_window("data.departed_at", *departed_at, now)?;
            actor(by)
        }
        // 0: a driver that does not count what it sent (the simulated one).
        KioskEvent::BadgePrinted { bytes, .. } => match *bytes {
            0..=16_000_000 => Ok(()),
            n => Err(format!("data.bytes: {n} is not the size of a badge (at most 16,000,000 bytes)")),
        },
        KioskEvent::PrinterFault { problem, .. } => text("data.problem", problem, 500),
        KioskEvent::DoorReleased { reason, by, seconds, .. } => {
            PulseLength::from_secs(*seconds).map_err(|e| format!("data.seconds: {e}"))?;
            text("data.reason", reason, 200)?;
            actor(by)
        }
        KioskEvent::DeviceAlarm { device, message } => {
            text("data.device", device, 80)?;
            text("data.message", message, 500)
        }
    }
}

fn summary(v: &VisitSummary, kiosk: &str, now: i64) -> Result<(), String> {
    let field = |name: &'static str| move |e: ValidationError| format!("data.{name}: {e}");
    VisitorName::parse(&v.visitor_name).map_err(field("visitor_name"))?;
    VisitorDetails::parse(v.company.as_deref(), v.email.as_deref(), v.phone.as_deref()).map_err(field("contact"))?;
    if v.host_id < 1 {
        return Err(format!("data.host_id: {} is not a host id", v.host_id));
    }
    clean_text("host name", &v.host_name, 120).map_err(field("host_name"))?;
    in_window("data.arrived_at", v.arrived_at, now)?;
    if v.kiosk != kiosk {
        return Err(format!("data.kiosk: {:?} is not the kiosk sending it ({kiosk:?})", v.kiosk));
    }
    if let Some(version) = v.agreement_version.filter(|n| *n < 1) {
        return Err(format!("data.agreement_version: {version} is not a version"));
    }
    if let Some(code) = &v.invitation {
        InvitationCode::parse(code).map_err(field("invitation"))?;
    }
    Ok(())
}

fn in_window(field: &str, at: i64, now: i64) -> Result<(), String> {
    if at < now - OLDEST_SECS {
        return Err(format!("{field}: {at} is more than 90 days before the server's clock ({now})"));
    }
    if at > now + FUTURE_SECS {
        return Err(format!("{field}: {at} is more than 10 minutes after the server's clock ({now})"));
    }
    Ok(())
}

/// A required short text: not blank, no control or bidi characters.
fn text(field: &str, value: &str, max: usize) -> Result<(), String> {
    if value.trim().is_empty() {
        return Err(format!("{field}: is empty"));
    }
    free_text(field, value, max)
}

/// Who did it (`kiosk:lobby-1`, a staff name); may be empty.
fn actor(by: &str) -> Result<(), String> {
    free_text("data.by", by, 80)
}

fn free_text(field: &str, value: &str, max: usize) -> Result<(), String> {
    let len = value.chars().count();
    if len > max {
        return Err(format!("{field}: {len} characters, at most {max} allowed"));
    }
    match value.chars().find(|c| is_forbidden(*c)) {
        Some(c) => Err(format!("{field}: character U+{:04X} is not allowed", c as u32)),
        None => Ok(()),
    }
}

#[cfg(test)]
#[path = "event_shape_tests.rs"]
mod tests;
