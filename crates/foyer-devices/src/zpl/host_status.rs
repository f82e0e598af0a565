//! `~HS` host status: the printer answers three `STX … ETX CR LF`
//! strings of comma-separated flags. Field positions from Zebra's "ZPL II
//! Programming Guide" (~HS): string 1 field 1 paper out, 2 pause, 9 RAM
//! corrupt, 10/11 under/over temperature; string 2 field 2 head up, 3 ribbon
//! out, 4 thermal-transfer mode.

use crate::PrinterStatus;

/// The command (no terminator needed).
pub const HOST_STATUS: &[u8] = b"~HS";
const STX: u8 = 0x02;
const ETX: u8 = 0x03;

/// The flags Foyer acts on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct HostStatus {
    pub paper_out: bool,
    pub paused: bool,
    pub head_up: bool,
    /// Only meaningful in thermal-transfer mode.
    pub ribbon_out: bool,
    /// RAM corrupt, or the head too cold or too hot.
    pub fault: bool,
}

/// The `STX … ETX` strings found in `bytes` so far.
pub fn strings(bytes: &[u8]) -> Vec<&[u8]> {
    bytes
        .split(|b| *b == STX)
        .skip(1)
        .filter_map(|s| s.split(|b| *b == ETX).next().filter(|_| s.contains(&ETX)))
        .collect()
}

impl HostStatus {
    /// Parses a complete reply; refuses one without two well-formed strings.
    pub fn parse(bytes: &[u8]) -> Result<Self, String> {
        let found = strings(bytes);
        let field = |s: &[u8], n: usize| -> Result<bool, String> {
            let text = std::str::from_utf8(s).map_err(|_| "a string is not ASCII".to_owned())?;
            let f = text.split(',').nth(n).ok_or(format!("string {text:?} has no field {n}"))?;
            match f.trim() {
                "0" => Ok(false),
                "1" => Ok(true),
                other => Err(format!("field {n} of {text:?} is {other:?}, not 0 or 1")),
            }
        };
        let [one, two, ..] = found.as_slice() else {
            return Err(format!("{} of the 3 ~HS strings", found.len()));
        };
        let thermal_transfer = field(two, 4)?;
        Ok(Self {
            paper_out: field(one, 1)?,
            paused: field(one, 2)?,
            head_up: field(two, 2)?,
            ribbon_out: thermal_transfer && field(two, 3)?,
            fault: field(one, 9)? || field(one, 10)? || field(one, 11)?,
        })
    }

    /// The kiosk's view, the most serious first.
    pub fn printer_status(&self) -> PrinterStatus {
        if self.head_up {
            PrinterStatus::CoverOpen
        } else if self.paper_out {
            PrinterStatus::PaperEnd
        } else if self.ribbon_out || self.fault {
            PrinterStatus::Error
        } else if self.paused {
            PrinterStatus::Offline
        } else {
            PrinterStatus::Ready
        }
    }
}

/// A reply as a printer sends it, for played printers in tests.
pub fn reply_bytes(paper_out: bool, paused: bool, head_up: bool) -> Vec<u8> {
    let f = |b: bool| if b { '1' } else { '0' };
    format!(
        "\x02030,{},{},0609,000,0,0,0,000,0,0,0\x03\r\n\x02001,0,{},0,0,2,6,0,00000000,1,000\x03\r\n\x021234,0\x03\r\n",
        f(paper_out),
        f(paused),
        f(head_up)
    )
    .into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_manual_example_is_ready() {
        // Zebra's example reply: all flags clear.
        let r = b"\x02030,0,0,1245,000,0,0,0,000,0,0,0\x03\r\n\x02000,0,0,0,1,2,4,0,00000000,1,000\x03\r\n\x021234,0\x03\r\n";
        assert_eq!(HostStatus::parse(r).unwrap().printer_status(), PrinterStatus::Ready);
    }

    #[test]
    fn paper_out_head_open_and_pause_are_told_apart() {
        let s = |p, q, h| HostStatus::parse(&reply_bytes(p, q, h)).unwrap().printer_status();
        assert_eq!(s(true, false, false), PrinterStatus::PaperEnd);
        assert_eq!(s(false, true, false), PrinterStatus::Offline);
        assert_eq!(s(true, true, true), PrinterStatus::CoverOpen);
        assert_eq!(s(false, false, false), PrinterStatus::Ready);
    }

    #[test]
    fn a_truncated_or_garbled_reply_is_refused() {
        assert!(HostStatus::parse(b"\x02030,0,0\x03").unwrap_err().contains("1 of the 3"));
        let bad =
            reply_bytes(false, false, false).iter().map(|b| if *b == b'0' { b'x' } else { *b }).collect::<Vec<_>>();
        assert!(HostStatus::parse(&bad).is_err());
    }
}
