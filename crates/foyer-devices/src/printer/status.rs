//! Real-time status (`DLE EOT 1…4`): the strict parser and the query
//! procedure.
//!
//! Every reply byte has the fixed pattern `0xx1xx10`. XON (0x11) and XOFF
//! (0x13) never match it, nor does most line noise, so anything else is
//! skipped rather than decoded into a wrong state.

use std::time::{Duration, Instant};

use super::commands::{status_request, StatusQuery};
use super::link::Link;
use crate::{DeviceError, PrinterStatus};

const XON: u8 = 0x11;
const XOFF: u8 = 0x13;
/// More stray bytes than this in one query means the line is not a printer
/// speaking ESC/POS (wrong baud rate, wrong device); stop listening.
const MAX_GARBAGE: usize = 64;

/// Whether `b` has the shape of a real-time status reply.
pub fn is_status_byte(b: u8) -> bool {
    b & 0b1001_0011 == 0b0001_0010
}

/// Decodes the replies to `DLE EOT 1, 2, 3, 4` into one state, the most
/// serious first.
pub fn decode(replies: [u8; 4]) -> PrinterStatus {
    let [printer, offline, error, paper] = replies;
    if offline & 0x04 != 0 {
        PrinterStatus::CoverOpen
    } else if offline & 0x20 != 0 || paper & 0x60 != 0 {
        PrinterStatus::PaperEnd
    } else if offline & 0x40 != 0 || error & 0x6C != 0 {
        PrinterStatus::Error
    } else if printer & 0x28 != 0 {
        PrinterStatus::Offline
    } else if paper & 0x0C != 0 {
        PrinterStatus::PaperNearEnd
    } else {
        PrinterStatus::Ready
    }
}

/// What came back from the four queries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reply {
    /// Four status bytes, one per query.
    Answered([u8; 4]),
    /// Nothing at all within the timeout.
    Silent,
    /// Bytes came, but none of them a status reply.
    Garbage(Vec<u8>),
}

/// Sends `DLE EOT 1…4`, each only after the previous reply (Epson's advice),
/// waiting up to `timeout` for each.
pub fn query(link: &mut dyn Link, timeout: Duration) -> Result<Reply, DeviceError> {
    let name = link.describe();
    let io = |e| DeviceError::io(name.clone(), e);
    // A reply that arrived after an earlier query timed out must not be
    // taken for the answer to this one.
    link.discard_input().map_err(io)?;
    let mut replies = [0u8; 4];
    let mut garbage = Vec::new();
    for (slot, q) in replies.iter_mut().zip(StatusQuery::ALL) {
        link.send(&status_request(q)).map_err(io)?;
        let deadline = Instant::now() + timeout;
        *slot = loop {
            match link.recv(deadline).map_err(io)? {
                Some(b) if is_status_byte(b) => break b,
                Some(XON | XOFF) => continue,
                Some(b) if garbage.len() < MAX_GARBAGE => garbage.push(b),
                Some(_) => return Ok(Reply::Garbage(garbage)),
                None if garbage.is_empty() => return Ok(Reply::Silent),
                None => return Ok(Reply::Garbage(garbage)),
            }
        };
    }
    Ok(Reply::Answered(replies))
}

/// The printer's state from a reply: silence is `NoAnswer`, garbage is an
/// error naming the bytes.
pub fn interpret(reply: Reply, device: &str) -> Result<PrinterStatus, DeviceError> {
    match reply {
        Reply::Answered(bytes) => Ok(decode(bytes)),
        Reply::Silent => Ok(PrinterStatus::NoAnswer),
        Reply::Garbage(bytes) => Err(DeviceError::Protocol {
            device: device.to_owned(),
            detail: format!("no status reply, only {}", hex(&bytes)),
        }),
    }
}

/// Bytes as `1A 32 12 7E`, for messages and the CLI.
pub fn hex(bytes: &[u8]) -> String {
    let shown: Vec<String> = bytes.iter().take(16).map(|b| format!("{b:02X}")).collect();
    let more = if bytes.len() > 16 { " …" } else { "" };
    format!("{}{more}", shown.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_documented_replies_decode_to_their_states() {
        assert_eq!(decode([0x12, 0x12, 0x12, 0x12]), PrinterStatus::Ready);
        assert_eq!(decode([0x12, 0x12, 0x12, 0x1E]), PrinterStatus::PaperNearEnd);
        assert_eq!(decode([0x1A, 0x32, 0x12, 0x7E]), PrinterStatus::PaperEnd);
        assert_eq!(decode([0x1A, 0x16, 0x12, 0x12]), PrinterStatus::CoverOpen);
    }

    #[test]
    fn offline_and_cutter_errors_are_told_apart() {
        assert_eq!(decode([0x1A, 0x12, 0x12, 0x12]), PrinterStatus::Offline);
        assert_eq!(decode([0x1A, 0x52, 0x1A, 0x12]), PrinterStatus::Error);
    }

    #[test]
    fn xon_xoff_and_noise_are_not_status_bytes() {
        assert!(!is_status_byte(XON));
        assert!(!is_status_byte(XOFF));
        for b in [0x00, 0xFF, 0x41, 0x92, 0x13, 0x10] {
            assert!(!is_status_byte(b), "{b:#04x}");
        }
        for b in [0x12, 0x16, 0x1A, 0x1E, 0x32, 0x7E] {
            assert!(is_status_byte(b), "{b:#04x}");
        }
    }

    #[test]
    fn exactly_16_byte_values_have_the_status_shape() {
        assert_eq!((0..=255u8).filter(|b| is_status_byte(*b)).count(), 16);
    }

    #[test]
    fn garbage_is_an_error_naming_the_bytes_and_silence_is_no_answer() {
        let err = interpret(Reply::Garbage(vec![0x41, 0xFF]), "p").unwrap_err();
        assert!(err.to_string().contains("41 FF"), "{err}");
        assert_eq!(interpret(Reply::Silent, "p").unwrap(), PrinterStatus::NoAnswer);
    }
}
